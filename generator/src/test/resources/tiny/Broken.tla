---- MODULE Broken ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Inc == x < 3 /\ /\ (
Spec == Init /\ [][Inc]_x
====
