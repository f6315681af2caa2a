"""Test helpers shipped with the package so every module's tests can use them: factories and the scoping kit."""
