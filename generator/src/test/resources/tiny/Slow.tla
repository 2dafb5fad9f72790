---- MODULE Slow ----
\* A counter whose steps are slow on purpose (a search over 4096 subsets each), so that TLC's first
\* progress report, about 3 s in, comes in the middle of the search; its property fails at the start.
EXTENDS Naturals, FiniteSets
CONSTANT N
VARIABLE x
Init == x = 0
Inc == x < N /\ ~(\E s \in SUBSET (1..12) : Cardinality(s) = x + 100) /\ x' = x + 1
Spec == Init /\ [][Inc]_x
NeverBeyond == <>(x = N + 1)
====
