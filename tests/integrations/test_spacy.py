"""The spaCy tokenizer and pipe: spans, n_process=2, DocBin, to_disk/load, entry points."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from policyparse.integrations.spacy import blank

TEXTS = [
    "今年上半年,高新区工业投资高速增长,完成45.56亿元,增速41.07%。",
    "力争全年建成10个示范智能工厂、20个示范智能车间,推广应用100台以上工业机器人。",
    "会议以视频形式召开。",
]


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    return blank()


def _summary(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, str | None]]:
    return [
        (key, s.text, s.label_, (s._.policyparse or {}).get("unit"))
        for key in ("claims", "tasks")
        for s in doc.spans[key]
    ]


def test_tokens_reassemble_the_text(nlp: spacy.Language) -> None:
    doc = nlp.make_doc(TEXTS[0])
    assert doc.text == TEXTS[0]
    assert "固定资产投资" in [t.text for t in nlp.make_doc("高于固定资产投资28.47个百分点")]


def test_claims_and_tasks_as_spans(nlp: spacy.Language) -> None:
    doc = nlp(TEXTS[0])
    claims = doc.spans["claims"]
    assert [s.text for s in claims] == ["45.56亿元", "41.07%"]
    rec = claims[0]._.policyparse
    assert rec["value"] == 4556000000 and rec["unit"] == "CNY" and rec["indicator"] == "工业投资"
    assert claims[1].label_ == "growth"
    doc2 = nlp(TEXTS[1])
    assert [s.label_ for s in doc2.spans["tasks"]] == ["strive"]
    assert nlp(TEXTS[2]).spans["claims"] == [] or len(nlp(TEXTS[2]).spans["claims"]) == 0


def test_pipe_with_two_processes_matches_one(nlp: spacy.Language) -> None:
    single = [_summary(d) for d in nlp.pipe(TEXTS)]
    multi = [_summary(d) for d in nlp.pipe(TEXTS, n_process=2, batch_size=1)]
    assert single == multi
    assert single[0]


def test_docbin_round_trip(nlp: spacy.Language) -> None:
    docs = list(nlp.pipe(TEXTS))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))
    assert [_summary(d) for d in back] == [_summary(d) for d in docs]


def test_to_disk_and_load_keep_settings(tmp_path: Path) -> None:
    nlp = blank(claims_key="pp_claims", with_tasks=False)
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe_config("policyparse")["claims_key"] == "pp_claims"
    doc = loaded(TEXTS[0])
    assert [s.text for s in doc.spans["pp_claims"]] == ["45.56亿元", "41.07%"]
    assert "tasks" not in doc.spans


def test_config_names_the_pipe_without_an_import() -> None:
    code = (
        "import spacy\n"
        "nlp = spacy.blank('zh', config={'nlp': {'tokenizer': {'@tokenizers': 'policyparse.Tokenizer.v1'}}})\n"
        "nlp.add_pipe('policyparse')\n"
        "doc = nlp('工业投资完成45.56亿元。')\n"
        "print([s.text for s in doc.spans['claims']])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "45.56亿元" in out.stdout
