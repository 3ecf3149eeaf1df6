"""Helper used while writing the documents: check characters for hand-chosen ID stems and card stems."""
import sys
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
M = "10X98765432"
def idcheck(s17): return M[sum(int(a) * b for a, b in zip(s17, W)) % 11]
def luhn_ok(n):
    d = [int(c) for c in n][::-1]
    return sum(x if i % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for i, x in enumerate(d)) % 10 == 0
def luhn_complete(stem):
    for c in "0123456789":
        if luhn_ok(stem + c): return stem + c
if __name__ == "__main__":
    for a in sys.argv[1:]:
        if len(a) == 17: print(a + idcheck(a))
        else: print(luhn_complete(a))
