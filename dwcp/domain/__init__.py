"""Domain: reference catalogues and the judgements every feature shares (money, bienniums, indicators)."""
