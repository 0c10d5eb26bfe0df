"""Entity extractors: countries, organizations, dates, money, counts and the number and measure readers they share. They read segments and the language layer, never a relation."""
