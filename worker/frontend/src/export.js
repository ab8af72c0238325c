// The only script of a notebook's static HTML export (S4): typesets the math the server left as
// TeX. The export allows exactly this script by its hash, so nothing from the notebook can run.
import { renderMath } from './math.js';

renderMath(document.body);
