import heapq

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("pop empty", lambda: heapq.heappop([]))
attempt("push tuple", lambda: heapq.heappush((), 1))
attempt("heapify tuple", lambda: heapq.heapify((3, 1)))
attempt("pop tuple", lambda: heapq.heappop((1,)))
attempt("mixed", lambda: heapq.heapify([1, "a", 2]))
attempt("none", lambda: heapq.heappush([1], None))
for name in ("heappushpop", "heapreplace", "nlargest", "nsmallest", "merge"):
    print(name, hasattr(heapq, name))
