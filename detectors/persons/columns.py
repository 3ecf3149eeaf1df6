"""What a table column heading says about its cells: names of private persons, of officials, or neither."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Column headings of a name column (姓名, 户主姓名, 申请人, 救助对象, 拟聘用人员, 被征收人…)
NAME_HEADER = re.compile(r"姓名|户主|申请人|当事人|对象|拟聘|聘用人员|被征收人|被处罚人|被征地|法定代表人|负责人|经营者|"
                         r"联系人|监护人|家庭成员|户名|持卡人|收款人|领款人|开户人|学生|考生|患者|死者|伤者|驾驶人|姓 *名")
# a column of officials on duty: 带班领导, 值班人员, 执法人员
OFFICIAL_HEADER = re.compile(r"领导|值班|带班|执法|工作人员|经办|审核|承办|签发|主持|联络员")
# 联系人/负责人 of a row whose other cells name an office (各单位联系人名单) are the office's staff
CONTACT_HEADER = re.compile(r"联系人|负责人|联络员")
# a column of people by role: 护林员（向导）, 值班人员, 带班领导
ROLE_HEADER = re.compile(r"(?:员|人员|人|领导)\s*(?:[（(][^）)]*[）)])?\s*$")
# a heading that asks for a name and nothing else (姓名, 户主姓名, 户名): a cell that is wholly a plausible
# name is one even when it begins with a common word (黄金凤, 高山)
WHOLE_NAME_HEADER = re.compile(r"姓\s*名|名字|户名")
OFFICIAL = "公职人员履职信息，可公开"


@dataclass(frozen=True, slots=True)
class NameColumn:
    official: bool        # officials on duty: their names are public (info)
    contact: bool         # an office's staff if the row names an office, else a private person
    official_why: str
    private_why: str
    whole: bool = False   # the cell holds nothing but a name (WHOLE_NAME_HEADER, no 关系 in it)


COLUMNS_READ: dict[str, NameColumn | None] = {}
_READ_MAX = 4096   # headings kept; a scan of many different tables starts over when it is full
UNREAD = object()   # what COLUMNS_READ.get returns for a heading not read yet
JOB = object()      # COLUMNS_READ's reading of a column of job titles (职务, 职称): no name in its cells
# a column of job titles — unless its heading names people too (姓名及职务)
JOB_HEADER = re.compile(r"职务|职称|职位|岗位|职级")


def name_column(header: str) -> NameColumn | None:
    """The reading of a column heading, or None for a column that holds no names.

    Cached in a plain dict (JOB for a column of job titles): every row of a table repeats the same headings, so each is read once."""
    try:
        column = COLUMNS_READ[header]
        return None if column is JOB else column
    except KeyError:
        pass
    if len(COLUMNS_READ) >= _READ_MAX:
        COLUMNS_READ.clear()
    column = None
    if NAME_HEADER.search(header) or ROLE_HEADER.search(header):
        label = header.strip()
        column = NameColumn(official=bool(OFFICIAL_HEADER.search(header)), contact=bool(CONTACT_HEADER.search(header)),
                            official_why=f"{OFFICIAL}（“{label}”列）", private_why=f"“{label}”列中的姓名",
                            whole=bool(WHOLE_NAME_HEADER.search(header)) and "关系" not in header)
    COLUMNS_READ[header] = JOB if column is None and JOB_HEADER.search(header) else column
    return column
