"""WorkflowError, the one error every refused action raises, and the role check the domain layer uses."""
from __future__ import annotations

ROLE_LABELS = {"drafter": "起草人", "reviewer": "保密审查员", "approver": "签发人", "admin": "管理员"}


class WorkflowError(Exception):
    """A refused action: `code` for programs, `status` (409 state, 403 role, 400 input, 404), `message` for people."""

    def __init__(self, code: str, status: int, message: str):
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def require_role(user, *roles: str) -> None:
    """Refuse (403) unless the active user holds one of the roles."""
    if user is None or getattr(user, "disabled", True) or not (user.roles & set(roles)):
        names = "或".join(ROLE_LABELS.get(r, r) for r in roles)
        raise WorkflowError("forbidden_role", 403, f"此操作需要{names}角色。如需权限请联系管理员。")
