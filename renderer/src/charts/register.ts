/** Registers only the chart.js pieces the lab's charts use (keeps the bundle small). */
import { Chart, Filler, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, SubTitle, Title, Tooltip } from 'chart.js';
import { INK } from './palette';

let registered = false;

export function registerCharts(): void {
  if (registered) return;
  // Title and SubTitle are shown only in exported files, which carry the figure's heading inside the picture.
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Legend, Tooltip, Title, SubTitle);
  Chart.defaults.color = INK;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  registered = true;
}
