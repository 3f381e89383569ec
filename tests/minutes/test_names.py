from minutes.names import find_committee, group_short_name, looks_like_name, parse_person_list


def pairs(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.organisation) for p in parse_person_list(text)]


def test_plain_list_with_og_and_a_wrapped_surname() -> None:
    text = (
        "Trine Bakkeli , Elisabeth Mork, Britt Kveseth, Bovild\nTjønn og Anne Marie\nFlovik , Egge"
    )
    assert [name for name, _ in pairs(text)] == [
        "Trine Bakkeli",
        "Elisabeth Mork",
        "Britt Kveseth",
        "Bovild Tjønn",
        "Anne Marie Flovik Egge",
    ]


def test_organisations_run_into_the_next_name() -> None:
    text = (
        "Grete Syrdal, Bærum kommune Aud Hansen, Asker kommune Ulrich Spreng, Vestre Viken "
        "Rune Kløvtveit, brukerrepresentant Håvard Vika, fastlegerepresentant; "
        "Heidi Taksrud, Vestre Viken (for Kirsten Hørthe)"
    )
    assert pairs(text) == [
        ("Grete Syrdal", "Bærum kommune"),
        ("Aud Hansen", "Asker kommune"),
        ("Ulrich Spreng", "Vestre Viken"),
        ("Rune Kløvtveit", "brukerrepresentant"),
        ("Håvard Vika", "fastlegerepresentant"),
        ("Heidi Taksrud", "Vestre Viken"),
    ]


def test_role_and_place_after_a_name() -> None:
    assert pairs("Guro Winsvold, kommunalsjef, Larvik") == [
        ("Guro Winsvold", "kommunalsjef, Larvik")
    ]


def test_near_misses_are_not_people() -> None:
    assert pairs("Vestre Viken, Bærum kommune") == []
    assert not looks_like_name("Vestre Viken")
    assert not looks_like_name("Asker kommune")
    assert not looks_like_name("Arbeidsgruppen")


def test_committees_by_long_and_short_name() -> None:
    assert (
        find_committee("Referat fra møte i Strategisk samarbeidsutvalg (SSU)").short_name == "SSU"
    )
    assert find_committee("Lokalt samarbeidsutvalg mellom: Asker kommune").short_name == "LSU"
    assert find_committee("Overordnet\nsamarbeidsutvalg\nForslag til vedtak").short_name == "OSU"
    assert find_committee("Møtereferat for styret") is None
    # "ssu" inside another word is not the committee
    assert find_committee("Prosessuttalelse") is None


def test_group_spellings() -> None:
    assert group_short_name("AU") == "AU"
    assert group_short_name("Arbeidsutvalget") == "AU"
    assert group_short_name("Vestre Viken") is None


def test_organisation_after_a_name_without_a_comma() -> None:
    text = "Randi Klemetsen, Kommunehelsesamarbeidet, Trine Lise Mørk Kommunehelsesamarbeidet"
    assert pairs(text) == [
        ("Randi Klemetsen", "Kommunehelsesamarbeidet"),
        ("Trine Lise Mørk", "Kommunehelsesamarbeidet"),
    ]
    assert pairs(
        "Live Ødegård, Norsk Sykepleierforbund, Geir Tveit, Kommunesamarbeidet Fjordby"
    ) == [
        ("Live Ødegård", "Norsk Sykepleierforbund"),
        ("Geir Tveit", "Kommunesamarbeidet Fjordby"),
    ]
