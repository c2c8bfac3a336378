"""`dwcp diff`: what changed in the programmes between two git revisions, in domain words.

- `revisions` reads the list of changed programme files and each version's text from git;
- `compare` turns two Programme models into changes (targets, outcomes, budgets, status ...):
  `walk` compares them field by field, `terms` names what changed in programme terms,
  `budget` compares their money per cell and per currency, `words` says how values read;
- `finding_changes` compares the lint findings of two versions by identity, not by line;
- `build` puts these together per file, `views` prints them as text, Markdown or JSON.
"""

from __future__ import annotations
