---- MODULE Eval ----
\* A tiny spec that TLC cannot evaluate after two steps: the tuple has no third element.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Step == x < 5 /\ x' = <<1, 2>>[x + 1]
Spec == Init /\ [][Step]_x
====
