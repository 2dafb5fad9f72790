---- MODULE Undefined ----
EXTENDS Naturals
VARIABLE x
Init == y = 0
Spec == Init /\ [][x' = x]_x
====
