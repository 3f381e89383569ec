import pytest

from storage.names import name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rannveig Velken", "Ranveig Velken"),
        ("Christine Furuholmen", "christine  FURUHOLMEN"),
        ("Tom Ole Øhren", "Tom Ole Ohren"),
        ("Håvard Vika", "Haavard Vika"),
        ("Kari Hesselberg", "Kari Heselberg"),
        ("Anne-Marie Flovik", "Anne Marie Flovik"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Christine Furuholmen", "Christian Furuholmen"),
        ("Erik Nordberg", "Eirik Nordberg"),
        ("Aud Hansen", "Audun Hansen"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
