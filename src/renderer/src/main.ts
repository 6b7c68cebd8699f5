import { mount } from 'svelte';
import { z } from 'zod';
import App from './App.svelte';
import './app.css';

// zod compiles fast paths with `new Function`, which the CSP (no 'unsafe-eval') forbids and reports.
z.config({ jitless: true });

const target = document.getElementById('app');
if (!target) throw new Error('index.html is missing #app');

export default mount(App, { target });
