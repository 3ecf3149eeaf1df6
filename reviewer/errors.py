"""Exit codes and the project's own errors; library errors are translated into these at the boundary."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit status of `reviewer scan` (the highest applicable one wins)."""

    CLEAR = 0
    USAGE = 2
    REVIEW = 10
    BLOCKED = 20
    UNREADABLE = 30


class ReviewerError(Exception):
    """Root of every error the project raises on purpose."""

    code = "error"
    exit_code = ExitCode.UNREADABLE
    message = "处理失败。"

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        if message:
            self.message = message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class DocumentError(ReviewerError):
    """A file could not be read; the batch goes on."""

    code = "unreadable"
    message = "无法读取该文件。请确认文件完整后重新上传。"


class EmptyFileError(DocumentError):
    code = "empty_file"
    message = "文件为空（0 字节）。请检查导出或复制过程，重新提交完整文件。"


class UnsupportedFormatError(DocumentError):
    code = "unsupported_format"
    message = "不支持该文件格式。请另存为 .docx、.pdf、.xlsx 或 .txt 后重新提交。"


class WrongExtensionError(DocumentError):
    code = "wrong_extension"
    message = "文件扩展名与内容不符。请确认文件类型，按实际格式更正扩展名后重新提交。"


class LegacyFormatError(DocumentError):
    code = "legacy_format"
    message = ("这是旧版 Office/WPS 格式（.doc/.xls/.ppt/.wps/.et/.dps）。请用 WPS 或 Office 另存为 "
               ".docx/.xlsx/.pptx 后重新提交。")


class CorruptFileError(DocumentError):
    code = "corrupt_file"
    message = "文件已损坏或不完整，无法解析。请从原始来源重新导出该文件。"


class EncryptedFileError(DocumentError):
    code = "encrypted"
    message = "文件设有打开密码，无法审查。请去除密码保护（另存为无密码副本）后重新提交。"


class EncryptedPdfError(EncryptedFileError):
    code = "encrypted_pdf"
    message = "PDF 已加密，无法读取文字。请在 PDF 软件中取消安全设置（或打印为新的 PDF）后重新提交。"


class NoTextLayerError(DocumentError):
    code = "no_text_layer"
    message = ("PDF 没有文字层（可能是扫描件），无法自动审查。请提供原始电子文档，"
               "或先进行文字识别（OCR）后重新提交，并人工逐页审查。")


class LimitExceededError(DocumentError):
    """A named limit (size, pages, cells, unpacked bytes, time) was reached."""

    code = "limit_exceeded"
    message = "文件超出处理限制。"


class TooLargeError(LimitExceededError):
    code = "too_large"


class ZipBombError(LimitExceededError):
    code = "zip_bomb"


class UnsafeXmlError(DocumentError):
    code = "unsafe_xml"
    message = "文件内部的 XML 含有实体扩展或过深嵌套等危险结构，已拒绝处理。请从原始软件重新保存该文件。"


class ParseTimeoutError(LimitExceededError):
    code = "timeout"


class FileNotFoundInputError(DocumentError):
    code = "not_found"
    message = "文件不存在或无法访问。请检查路径和权限。"


class UsageError(ReviewerError):
    code = "usage"
    exit_code = ExitCode.USAGE
