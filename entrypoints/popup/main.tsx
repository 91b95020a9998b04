import { render } from 'preact';
import { Popup } from '../../src/extension/ui/popup';
import '../../src/extension/ui/popup.css';

render(<Popup />, document.getElementById('app')!);
