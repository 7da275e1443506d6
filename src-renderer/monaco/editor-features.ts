// The editor contributions we use. editor.api is the bare core: without these there is no suggest widget (so no
// completion), no hover (field docs, diagnostics on hover), no find in big raw bodies. Picked one by one instead of
// features/register.all so the bundle stays small (no diff editor, code lens, inlay hints, sticky scroll…).
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'
import 'monaco-editor/features/snippet/register'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/gotoError/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/bracketMatching/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/cursorUndo/register'
import 'monaco-editor/features/multicursor/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/wordOperations/register'
import 'monaco-editor/features/placeholderText/register'
