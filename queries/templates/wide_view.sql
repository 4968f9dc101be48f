-- Makes the one wide-table file given the relation wide.
CREATE OR REPLACE VIEW wide AS SELECT * FROM {{ident .From}}
