import { mount } from 'svelte';
import { z } from 'zod';
import App from './App.svelte';
import { settings } from './lib/state/settings.svelte';
import './app.css';

// zod compiles fast paths with `new Function`, which the CSP (no 'unsafe-eval') forbids and reports.
z.config({ jitless: true });

const target = document.getElementById('app');
if (!target) throw new Error('index.html is missing #app');

// The saved theme is put on screen before the first paint, so a dark window never flashes light.
void settings.load().finally(() => mount(App, { target }));
