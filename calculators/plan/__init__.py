"""«Планировщик карт развития»: accounts → individual and group maps → a calendar of checkpoints.

Modules: `accounts` reads the table, `split` applies the signs of a special account, `schedule`
places checkpoints and reviews, `export` writes the .ics and CSV, `text` the Russian report,
`form` declares the fields.
"""

from calculators.plan.form import CALCULATOR

__all__ = ["CALCULATOR"]
