"""Rule packs (YAML), one per claim kind, plus shared fragments and unit spellings."""
