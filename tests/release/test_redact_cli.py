"""`reviewer redact FILE -o OUT`: high findings (or the listed ones) removed, lines masked, honest exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.pipeline import scan_file
from tests.builders.docx_builder import DocxBuilder, rewrite_zip
from tests.builders.xlsx_builder import resident_id

ID = resident_id("53010219870315001")
TEXT = f"申请人张三，身份证号码：{ID}，手机 13812345678。\n本通知自印发之日起施行。\n"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    path = tmp_path / "通知.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_default_removes_high_findings_and_prints_masked_lines(notice: Path, tmp_path: Path):
    out = tmp_path / "发布稿.txt"
    result = run("redact", str(notice), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (
        f"申请人张三，身份证号码：{'■' * 18}，手机 {'■' * 11}。\n本通知自印发之日起施行。\n")
    assert f"已删除 身份证号：{ID[:4]}**********{ID[-4:]}" in result.output
    assert "已删除 手机号：138****5678" in result.output
    assert ID not in result.output and "13812345678" not in result.output
    assert "已复核" in result.output


@pytest.mark.parametrize("resolutions, expected", [
    # by value, as a reviewer would write it
    ([{"text": "张三", "type": "PERSON"}], f"申请人■■，身份证号码：{ID}，手机 13812345678。"),
    # an object with a redact list, "keep" entries ignored
    ({"redact": [{"text": "13812345678"}, {"text": "张三", "action": "keep"}]},
     f"申请人张三，身份证号码：{ID}，手机 ■■■■■■■■■■■。"),
])
def test_resolutions_by_value(notice: Path, tmp_path: Path, resolutions, expected: str):
    plan = tmp_path / "处理意见.json"
    plan.write_text(json.dumps(resolutions, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "发布稿.txt"
    result = run("redact", str(notice), "-o", str(out), "--resolutions", str(plan))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == expected


def test_resolutions_by_index_of_the_scan_report(notice: Path, tmp_path: Path):
    findings = scan_file(notice).to_dict()["findings"]
    index = next(i for i, f in enumerate(findings) if f["type"] == "CN_RESIDENT_ID")
    plan = tmp_path / "处理意见.json"
    plan.write_text(json.dumps([index]), encoding="utf-8")
    out = tmp_path / "发布稿.txt"
    assert run("redact", str(notice), "-o", str(out), "--resolutions", str(plan)).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == f"申请人张三，身份证号码：{'■' * 18}，手机 13812345678。"


@pytest.mark.parametrize("plan, message", [
    ([99], "超出范围"),
    (["张三"], "无法识别"),
    ([{"type": "PERSON"}], "没有 index 也没有 text"),
])
def test_bad_resolutions_are_usage_errors(notice: Path, tmp_path: Path, plan, message: str):
    path = tmp_path / "处理意见.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    result = run("redact", str(notice), "-o", str(tmp_path / "o.txt"), "--resolutions", str(path))
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "o.txt").exists()


def test_secrecy_marking_blocks_the_release(tmp_path: Path):
    src = tmp_path / "函.txt"
    src.write_text("秘密★1年\n关于调整补贴标准的函\n", encoding="utf-8")
    result = run("redact", str(src), "-o", str(tmp_path / "o.txt"))
    assert result.exit_code == 20 and "不予公开" in result.output
    assert not (tmp_path / "o.txt").exists()


def test_copy_that_cannot_be_verified_exits_non_zero(tmp_path: Path):
    src = DocxBuilder().paragraph(f"身份证号码：{ID}").save(tmp_path / "表.docx")
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text>{ID}</text></svg>'.encode()
    rewrite_zip(src, src, add={"word/media/image1.svg": svg})
    result = run("redact", str(src), "-o", str(tmp_path / "发布稿.docx"))
    assert result.exit_code == 20
    assert "未通过复核" in result.output and "word/media/image1.svg" in result.output
    assert not (tmp_path / "发布稿.docx").exists()


def test_output_of_another_format_is_refused(notice: Path, tmp_path: Path):
    result = run("redact", str(notice), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 2 and ".txt" in result.output


def test_unreadable_file_exits_30(tmp_path: Path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    result = run("redact", str(empty), "-o", str(tmp_path / "o.txt"))
    assert result.exit_code == 30 and "空文件" in result.output
