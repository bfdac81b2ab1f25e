mod deck_check;
