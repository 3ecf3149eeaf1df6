"""The bench's idle-core estimate replays the scan's own dispatch order."""
import pytest

from reviewer.bench.schedule import replay


@pytest.mark.parametrize("cpu, work, jobs, expected", [
    ([1.0, 1.0], [1, 1], 2, 1.0),                       # two equal files: one each
    ([1.0, 1.0, 1.0], [1, 1, 1], 2, 2.0),               # three equal files: one worker takes two
    ([1.0] * 4, [1] * 4, 1, 4.0),                       # one worker: the sum
    # a long file last in the input starts first (largest first), the short ones share the other worker
    ([1.0, 1.0, 1.0, 3.0], [1, 1, 1, 9], 2, 3.0),
])
def test_replay_follows_the_scan_order(cpu, work, jobs, expected):
    names = [f"f{i}.txt" for i in range(len(cpu))]
    assert replay(names, cpu, jobs, work) == pytest.approx(expected)


def test_a_long_file_whose_size_does_not_show_it_can_run_alone():
    # equal estimates: the window is handed out from its end, so the first file of the input goes last;
    # if it is the long one, it runs alone while the other worker idles
    names = [f"f{i}.txt" for i in range(4)]
    assert replay(names, [3.0, 1.0, 1.0, 1.0], 2, [1, 1, 1, 1]) == pytest.approx(4.0)
