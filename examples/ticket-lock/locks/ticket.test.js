const { describeTarget } = require('lockstep/jest');

// one test per variant and memory model, one per saved corpus entry (lockstep/corpus/ticket/)
describeTarget('locks/ticket.ts', { runs: 1000 });
