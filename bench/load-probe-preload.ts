/** `node --import ./bench/load-probe-preload.ts`: installs the memory probe (load-probe.ts). */
import { installProbe } from './load-probe.js';

installProbe();
