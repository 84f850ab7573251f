// Every fast-check property runs from one fixed seed unless FC_SEED names
// another, so a run checks exactly what the previous one checked (CI stays
// deterministic); FC_SEED=<n> explores other cases or replays a failure.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261126) });
