// First: the popup's first question to the background leaves before the rest is evaluated.
import '../../src/extension/ui/early-requests';
import { render } from 'preact';
import { Popup } from '../../src/extension/ui/popup';
import '../../src/extension/ui/popup.css';

render(<Popup />, document.getElementById('app')!);
