"""Decision search: text analysis shared by the index and the queries (pure functions).

`analysis` is the entry point; `normalize`, `compounds`, `glossary` and `typos` are its parts.
Data files live in `assistant/data/` (stopwords, glossary, bilingual table, compound parts).
"""

from assistant.search.analysis import (
    QueryTerm,
    TermVocabulary,
    Vocabulary,
    analysis_fingerprint,
    fold,
    index_terms,
    query_terms,
    vocabulary_from_texts,
    words,
)
from assistant.search.glossary import load_bilingual, load_glossary

__all__ = [
    "QueryTerm",
    "TermVocabulary",
    "Vocabulary",
    "analysis_fingerprint",
    "fold",
    "index_terms",
    "load_bilingual",
    "load_glossary",
    "query_terms",
    "vocabulary_from_texts",
    "words",
]
