import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../src/extension/background/start';

export default defineBackground(startBackground);
