import { findingSignature, recordedSignature } from './finding-signature';

/** Issue 13 item 5: one bug, one signature (messages as the harness writes them). */
describe('findingSignature groups by root cause', () => {
  it('mutual exclusion: the critical-section monitor, a lost update found at the end and the mutex spec all say one thing', () => {
    const sigs = new Set([
      findingSignature({ kind: 'violation', locations: ['critical section'], message: 'mutual exclusion violated: cpu0 entered lock while cpu1 is inside' }),
      findingSignature({ kind: 'violation', locations: ['end'], message: 'lost update: data.counter = 1 after 2 critical sections' }),
      findingSignature({ kind: 'violation', locations: ['spec:mutex', 'op:acquire'], message: "history is not linearizable (spec 'mutex'): process 2 acquired the mutex (op 4, returned at 9) while process 0 held it" }),
      findingSignature({ kind: 'violation', locations: ['spec:mutex', 'op:try-acquire'], message: "history is not linearizable (spec 'mutex'): process 1 acquired the mutex (op 3, returned at 5) while process 0 held it" }),
    ]);
    expect([...sigs]).toEqual(['violation:property:mutual exclusion']);
  });

  it('another rule of a spec is another bug, whichever operation kind the explanation blames', () => {
    const a = findingSignature({ kind: 'violation', locations: ['spec:mutex', 'op:try-acquire'], message: "history is not linearizable (spec 'mutex'): try-acquire by process 1 returned false while the mutex was free" });
    const b = findingSignature({ kind: 'violation', locations: ['spec:mutex', 'op:try-acquire', 'op:acquire'], message: "history is not linearizable (spec 'mutex'): try-acquire by process 3 returned false while the mutex was free" });
    expect(a).toBe("violation:spec mutex: try-acquire by process # returned false while the mutex was free");
    expect(b).toBe(a);
    const release = findingSignature({ kind: 'violation', locations: ['spec:mutex', 'op:release'], message: "history is not linearizable (spec 'mutex'): release by process 1 (op 7) while the mutex was held by process 0" });
    expect(release).not.toBe(a);
    // a spec parameterised by the workload (barrier:N for N threads) is one spec
    const b3 = findingSignature({ kind: 'violation', locations: ['spec:barrier:3', 'op:await'], message: "history is not linearizable (spec 'barrier:3'): await by process 2 returned while only 2/3 parties of generation 1 had arrived" });
    const b2 = findingSignature({ kind: 'violation', locations: ['spec:barrier:2', 'op:await'], message: "history is not linearizable (spec 'barrier:2'): await by process 1 returned while only 1/2 parties of generation 1 had arrived" });
    expect(b3).toBe(b2);
  });

  it('assertions, hangs and deadlocks keep their program points; numbers never split a bug', () => {
    expect(findingSignature({ kind: 'violation', locations: ['rw: add reader'], message: 'a writer is inside while a reader is' })).toBe('violation:rw: add reader');
    expect(findingSignature({ kind: 'hang', locations: ['T_3(arg_3) wait', 'T_1(arg_1) wait'], message: 'x' })).toBe('hang:T_#(arg_#) wait');
    expect(findingSignature({ kind: 'deadlock', locations: [], message: 'no thread can run (cpu0 blocked on 0x1f)' })).toBe('deadlock:~no thread can run (cpu# blocked on #)');
  });

  it('a saved finding maps to the same signature as the same bug found today', () => {
    expect(recordedSignature({ kind: 'violation', message: 'lost update: data.counter = 1 after 2 critical sections', signature: 'violation:end', preemptions: 0, locations: ['end'] }))
      .toBe('violation:property:mutual exclusion');
    expect(recordedSignature({ kind: 'hang', message: 'x', signature: 'hang:a|b', preemptions: 0, locations: ['b', 'a'] })).toBe('hang:a|b');
  });
});
