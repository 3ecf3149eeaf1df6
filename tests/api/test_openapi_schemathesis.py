"""The OpenAPI document is valid, names every /api/v1 route, and the app answers as it says (schemathesis, bounded)."""
from __future__ import annotations

import io

import pytest
import schemathesis
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance
from hypothesis import HealthCheck, Phase, given, settings
from openapi_spec_validator import validate

from reviewer import accounts, jobs, workflow
from tests.web.conftest import make_app
from tests.web.webfakes import PASSWORD, PERSONAL_TXT, SECRET_TXT

FUZZER = "fuzzer"  # holds every role, so every call gets past the role checks to the gates behind them


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory, fast_hashes):
    app = make_app(tmp_path_factory.mktemp("fuzz"))
    with app.extensions["reviewer.sessions"]() as s:
        accounts.create_user(s, None, FUZZER, ["drafter", "reviewer", "approver", "admin"], PASSWORD)
        app.config["FUZZ_TOKEN"] = accounts.create_token(s, None, accounts.find_user(s, FUZZER))
        for i, data in enumerate((PERSONAL_TXT, SECRET_TXT)):  # documents 1 and 2, the examples in the document
            v = workflow.upload(s, accounts.find_user(s, "drafter"), io.BytesIO(data + b"#%d" % i), f"d{i}.txt",
                                storage_dir=app.config["STORAGE_DIR"], max_bytes=1 << 20)
            s.commit()
            jobs.submit_scan(v.id)
    yield app
    app.extensions["reviewer.engine"].dispose()


def test_the_document_validates_and_covers_every_route(fuzz_app):
    doc = fuzz_app.test_client().get("/api/v1/openapi.json").get_json()
    validate(doc)
    documented = {(method.upper(), "/api/v1" + path) for path, ops in doc["paths"].items() for method in ops}
    routed = {(m, rule.rule.replace("<int(min=1,max=2147483647):", "{").replace(">", "}"))
              for rule in fuzz_app.url_map.iter_rules() if rule.rule.startswith("/api/")
              for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for status, response in op["responses"].items():
                assert response.get("content"), (method, path, status)  # every response has a schema


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_api_answers_as_documented(fuzz_app, mode):
    """Every operation, valid then invalid input: no 500, every status and body as the document says.

    (schemathesis' pytest fixture loader does not run under this pytest, so each operation gets its own
    bounded Hypothesis run here: a fixed seed, a dozen cases, the document's examples first.)
    """
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    headers = {"Authorization": f"Bearer {fuzz_app.config['FUZZ_TOKEN']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10  # every call but openapi.json itself, which schemathesis leaves out
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        def run(case):
            # No 500 and no answer that contradicts the document (status, content type, body, headers).
            # Left out: the two acceptance heuristics. A gate (409) or a rule JSON Schema cannot state (a basis
            # that does not fit the chosen 公开属性 → 422) refuses valid-looking bodies, and negative cases
            # "without Authorization" still carry our token header, and unknown query parameters are ignored.
            case.call_and_validate(headers=headers,
                                   excluded_checks=[positive_data_acceptance, negative_data_rejection])
        try:
            run()
        except Exception as exc:
            exc.add_note(f"operation: {operation.label}")
            raise
