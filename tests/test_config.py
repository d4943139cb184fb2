"""Settings: defaults, then a TOML file, then SITREP_* variables; tables set sections."""

from pathlib import Path

from sitrep.config import Settings


def test_sections_and_values_are_typed(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.toml"
    path.write_text(
        '[sitrep]\nbatch_size = "8"\n'
        "[sitrep.assemble]\nsame_event_km = 90\nconfidence_base = 0.25\n"
        "[sitrep.fusion]\nmax_km = 12\n"
        '[sitrep.columns]\ntext = "body"\n'
    )
    settings = Settings.load(path, env={"SITREP_N_PROCESS": "2"})
    assert (settings.batch_size, settings.n_process) == (8, 2)
    assert (settings.assemble.same_event_km, settings.assemble.confidence_base) == (90.0, 0.25)
    assert settings.assemble.confidence_max == 0.95  # untouched values keep their defaults
    assert (settings.fusion.max_km, settings.columns.text, settings.columns.published) == (
        12.0,
        "body",
        "published",
    )


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.toml"
    path.write_text('[sitrep]\ndb = "file.duckdb"\n')
    assert Settings.load(path, env={"SITREP_DB": "env.duckdb"}).db == "env.duckdb"
    assert Settings.load(path, env={}).db == "file.duckdb"


def test_a_switch_read_from_a_variable_is_false_when_it_says_so() -> None:
    settings = Settings.load(env={"SITREP_FOCUS_CLAIMS": "false", "SITREP_FOCUS_NEIGHBOURS": "-1"})
    assert settings.focus_claims is False and settings.focus_neighbours == -1
    assert Settings.load(env={"SITREP_FOCUS_CLAIMS": "1"}).focus_claims is True
