import { mount } from 'svelte';
import App from './App.svelte';
import { getLab } from './api/lab';
import './styles.css';

// A file dropped on the window would otherwise navigate away from the app.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => event.preventDefault());
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target, props: { lab: getLab() } });
