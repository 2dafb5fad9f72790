---- MODULE Workers ----
\* A tiny spec for the generator's own tests: threads take a lock, increment, unlock.
EXTENDS Naturals
CONSTANT Threads
VARIABLES pc, x, lock
vars == <<pc, x, lock>>
Init == pc = [t \in Threads |-> "lock"] /\ x = 0 /\ lock = "none"
Lock(t) == pc[t] = "lock" /\ lock = "none" /\ lock' = t /\ pc' = [pc EXCEPT ![t] = "inc"] /\ UNCHANGED x
\* A choice inside the step, as an action parameter: by how much.
Inc(t, n) == pc[t] = "inc" /\ x' = x + n /\ pc' = [pc EXCEPT ![t] = "unlock"] /\ UNCHANGED lock
Unlock(t) == pc[t] = "unlock" /\ lock' = "none" /\ pc' = [pc EXCEPT ![t] = "done"] /\ UNCHANGED x
Terminated == (\A t \in Threads : pc[t] = "done") /\ UNCHANGED vars
Next == (\E t \in Threads : Lock(t) \/ (\E n \in 1..2 : Inc(t, n)) \/ Unlock(t)) \/ Terminated
Spec == Init /\ [][Next]_vars
SmallInv == x < 4
TypeOK == x \in 0..4 /\ lock \in Threads \cup {"none"}
====
