import { render } from 'preact';
import { CodesPage } from '../../src/extension/otp/ui/codes-page';
import '../../src/extension/ui/popup.css';

render(<CodesPage />, document.getElementById('app')!);
