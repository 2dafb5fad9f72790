---- MODULE Counter ----
\* A tiny spec for the runner's own tests: one counter that stops at 3.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Inc == x < 3 /\ x' = x + 1
Spec == Init /\ [][Inc]_x /\ WF_x(Inc)
BelowTwoInv == x < 2
ReachesThree == <>(x = 3)
ReachesFive == <>(x = 5)
====
