"""`dwcp diff`: what changed in the programmes between two git revisions, in domain words.

- `git` reads the list of changed programme files and each version's text from git;
- `compare` turns two Programme models into changes (targets, outcomes, budgets, status ...);
- `findings` compares the lint findings of two versions by identity, not by line;
- `build` puts these together per file, `views` prints them as text, Markdown or JSON.
"""

from __future__ import annotations
