"""Helper used while writing the corpus by hand: print valid IDs / cards / credit codes.

  python mkvalue.py id 532328 19780312 f     # an 18-digit ID for a woman born 1978-03-12
  python mkvalue.py card 6217 19             # a 19-digit UnionPay card passing Luhn
  python mkvalue.py uscc 91532328MA6K1234X   # add the check character to 17 characters
"""
import random
import sys

from checks import id_check_char, luhn_complete, uscc_check_char

rnd = random.Random(" ".join(sys.argv[1:]))
kind = sys.argv[1]
if kind == "id":
    region, birth, sex = sys.argv[2], sys.argv[3], sys.argv[4]
    for _ in range(3):
        seq = rnd.randint(1, 998)
        if (seq % 2 == 1) != (sex == "m"):
            seq += 1
        first = f"{region}{birth}{seq:03d}"
        print(first + id_check_char(first))
elif kind == "card":
    prefix, n = sys.argv[2], int(sys.argv[3])
    for _ in range(3):
        print(luhn_complete(prefix + "".join(str(rnd.randint(0, 9)) for _ in range(n - len(prefix) - 1))))
elif kind == "uscc":
    print(sys.argv[2] + uscc_check_char(sys.argv[2]))
