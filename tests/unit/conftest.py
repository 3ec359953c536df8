"""Fixtures shared by the unit tests of core/ and storage/."""

from __future__ import annotations

import pytest

from checkback.core import safe_yaml


@pytest.fixture(params=["libyaml", "python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test with libyaml's parser (when PyYAML has it), then with PyYAML's own."""
    with_libyaml = request.param == "libyaml"
    if with_libyaml and not safe_yaml.libyaml_present():
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(safe_yaml, "libyaml_present", lambda: with_libyaml)
    return str(request.param)
