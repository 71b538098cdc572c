#!/usr/bin/env node
// The sources are erasable TypeScript that Node >= 22.18 runs directly (type stripping),
// so the bin needs no build step.
import '../src/cli.ts';
