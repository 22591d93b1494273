/**
 * The Designer's JSON editor: CodeMirror 6 with the spec's JSON Schema
 * (completion and field help from codemirror-json-schema) and the lab's own
 * check drawn in the text.
 *
 * Diagnostics come from one place, the Designer's check of the text (see
 * DesignerState.checkNow): a syntax error where jsonc-parser found it, the
 * lab's issues at the node their path names, and warnings (a vote that can
 * tie). The lab validates with the same Zod schema the JSON Schema is made
 * from, plus checks across fields and plainer messages, so the editor does not
 * also run the JSON Schema validator and say everything twice; it does when the
 * lab could not be asked, so problems are still underlined then.
 *
 * Loaded on demand (a dynamic import) so the other views don't carry it.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab, temporarilySetTabFocusMode } from '@codemirror/commands';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorSelection, EditorState, Prec, StateEffect, StateField } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers, showTooltip, type Tooltip } from '@codemirror/view';
import { jsonCompletion, JSONHover, JSONValidation, stateExtensions } from 'codemirror-json-schema';
import { experimentSpecJsonSchema } from '../../../../shared/domain/spec';
import type { LocatedIssue, SpecCheck } from '../../state/designer.svelte';
import { describeSchema, type SchemaHelp } from './schema-help';

export interface SpecEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Ids of the element naming the editor and of those describing it. */
  labelledBy: string;
  describedBy: string;
  /** The user changed the text (not called for `setText`). */
  onChange: (text: string) => void;
  /** Help for the field at the cursor was shown (F1): its text, for a live region. */
  onHelp: (text: string) => void;
}

export interface SpecEditorHandle {
  /** Replaces the text with `text` (as one change, only the part that differs). */
  setText(text: string): void;
  /** Draws a finished check's findings, if it looked at the text the editor holds now. */
  showCheck(check: SpecCheck): void;
  /** Selects `from`–`to`, scrolls it into view and focuses the editor. */
  reveal(from: number, to: number): void;
  destroy(): void;
}

/** Marks changes that came from outside (the form), so they are not echoed back. */
const external = Annotation.define<boolean>();

const setHelp = StateEffect.define<Tooltip | null>();
/** The F1 help tooltip: shown until the text or the cursor moves, or Escape. */
const helpField = StateField.define<Tooltip | null>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setHelp)) return effect.value;
    return tr.docChanged || tr.selection ? null : value;
  },
  provide: (field) => showTooltip.from(field),
});

const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";

const theme = EditorView.theme({
  '&': {
    maxHeight: '70vh',
    border: '1px solid #cfc9bd',
    borderRadius: 'var(--radius)',
    backgroundColor: 'var(--paper)',
    color: 'var(--ink)',
    fontSize: '0.85rem',
  },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '2px' },
  '.cm-scroller': { overflow: 'auto', fontFamily: MONO, lineHeight: '1.55', borderRadius: 'var(--radius)' },
  '.cm-content, .cm-gutter': { minHeight: '18rem' },
  '.cm-content': { padding: '0.6rem 0' },
  '.cm-gutters': { backgroundColor: '#f6f3ec', color: 'var(--muted)', borderRight: '1px solid var(--rule)' },
  '.cm-activeLine': { backgroundColor: '#f8f5ee' },
  '.cm-activeLineGutter': { backgroundColor: '#ebe6da', color: 'var(--ink)' },
  '.cm-tooltip': { border: '1px solid #cfc9bd', borderRadius: 'var(--radius)', backgroundColor: 'var(--paper)', color: 'var(--ink)', maxWidth: '32rem' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-ink)' },
  '.cm-completionDetail': { color: 'inherit', opacity: 0.85 },
  '.cm-diagnostic': { fontFamily: 'system-ui, sans-serif', padding: '0.3rem 0.6rem' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-diagnostic-warning': { borderLeftColor: '#9a6700' },
  '.cm-diagnosticSource': { color: 'var(--muted)', opacity: 1 },
  '.quorum-help': { padding: '0.45rem 0.7rem', fontFamily: 'system-ui, sans-serif', fontSize: '0.85rem', lineHeight: 1.45 },
  '.quorum-help-type': { marginTop: '0.25rem', color: 'var(--muted)', fontFamily: MONO, fontSize: '0.8rem' },
});

/** The field help as plain text nodes (no HTML from the schema reaches the page). */
function helpDom(texts: SchemaHelp): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'quorum-help';
  if (texts.message) {
    const message = document.createElement('div');
    message.textContent = texts.message;
    dom.append(message);
  }
  if (texts.typeInfo) {
    const type = document.createElement('div');
    type.className = 'quorum-help-type';
    type.textContent = texts.typeInfo;
    dom.append(type);
  }
  return dom;
}

function helpText(texts: SchemaHelp): string {
  return [texts.message, texts.typeInfo].filter((t) => t).join(' — ');
}

function diagnostic(issue: LocatedIssue, severity: 'error' | 'warning', length: number): Diagnostic {
  const from = Math.min(issue.from, length);
  return { from, to: Math.max(from, Math.min(issue.to, length)), severity, message: `${issue.path}: ${issue.message}`, source: 'Quorum check' };
}

export function createSpecEditor(options: SpecEditorOptions): SpecEditorHandle {
  let lastHelp = '';
  const hover = new JSONHover({
    getHoverTexts: (data) => describeSchema(data.schema as Record<string, unknown>),
    formatHover: (texts) => {
      lastHelp = helpText(texts);
      return helpDom(texts);
    },
  });
  const validation = new JSONValidation();

  /** F1: the help the mouse gets on hover, for the field at the cursor. */
  const showHelp = (view: EditorView): boolean => {
    const head = view.state.selection.main.head;
    void (async () => {
      lastHelp = '';
      const tooltip = (await hover.doHover(view, head, 1)) ?? (await hover.doHover(view, head, -1));
      if (view.state.selection.main.head !== head) return;
      const text = tooltip ? lastHelp : 'No help here: put the cursor on a field name or value.';
      const shown: Tooltip = tooltip ?? { pos: head, above: true, create: () => ({ dom: helpDom({ message: text, typeInfo: '' }) }) };
      view.dispatch({ effects: setHelp.of(shown) });
      options.onHelp(text);
    })();
    return true;
  };
  const hideHelp = (view: EditorView): boolean => {
    if (view.state.field(helpField) === null) return false;
    view.dispatch({ effects: setHelp.of(null) });
    return true;
  };

  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle),
        EditorView.lineWrapping,
        json(),
        stateExtensions(experimentSpecJsonSchema()),
        // Escape always lets the next Tab leave the editor, also when it first closes a completion list
        // (whose own Escape, at the highest precedence too, comes after this one).
        Prec.highest(
          keymap.of([
            {
              key: 'Escape',
              run: (view) => {
                temporarilySetTabFocusMode(view);
                return false;
              },
            },
          ]),
        ),
        jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
        autocompletion(),
        hoverTooltip((view, pos, side) => hover.doHover(view, pos, side)),
        helpField,
        lintGutter(),
        keymap.of([
          { key: 'F1', run: showHelp },
          { key: 'Escape', run: hideHelp },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...lintKeymap,
          // Tab indents; Escape then Tab (or Ctrl-M, which toggles it) moves focus on, as the help beside the editor says.
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({ 'aria-labelledby': options.labelledBy, 'aria-describedby': options.describedBy, 'data-testid': 'designer-spec' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(external))) options.onChange(update.state.doc.toString());
        }),
        theme,
      ],
    }),
  });

  return {
    setText(text) {
      const current = view.state.doc.toString();
      if (current === text) return;
      let start = 0;
      while (start < current.length && start < text.length && current[start] === text[start]) start++;
      let endOld = current.length;
      let endNew = text.length;
      while (endOld > start && endNew > start && current[endOld - 1] === text[endNew - 1]) {
        endOld--;
        endNew--;
      }
      view.dispatch({ changes: { from: start, to: endOld, insert: text.slice(start, endNew) }, annotations: external.of(true) });
    },
    showCheck(check) {
      if (check.state === 'idle' || check.text !== view.state.doc.toString()) return;
      const length = view.state.doc.length;
      let diagnostics: Diagnostic[];
      switch (check.state) {
        case 'syntax': {
          const from = Math.min(check.error.offset, length);
          diagnostics = [{ from, to: Math.min(length, from + check.error.length), severity: 'error', message: check.error.message, source: 'JSON' }];
          break;
        }
        case 'invalid':
          diagnostics = check.issues.map((issue) => diagnostic(issue, 'error', length));
          break;
        case 'valid':
          diagnostics = check.warnings.map((warning) => diagnostic(warning, 'warning', length));
          break;
        case 'unchecked':
          diagnostics = validation.doValidation(view);
          break;
      }
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    reveal(from, to) {
      const length = view.state.doc.length;
      const selection = EditorSelection.single(Math.min(from, length), Math.min(to, length));
      view.dispatch({ selection, effects: EditorView.scrollIntoView(selection.main, { y: 'center' }) });
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
