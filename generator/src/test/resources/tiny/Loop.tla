---- MODULE Loop ----
\* A tiny spec whose temporal violation is a lasso: x cycles 0, 1, 2 and never reaches 5.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Step == x' = (x + 1) % 3
Spec == Init /\ [][Step]_x /\ WF_x(Step)
ReachesFive == <>(x = 5)
====
