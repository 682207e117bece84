-- dbm:up
CREATE FUNCTION invoice_total(p_invoice_id BIGINT UNSIGNED) RETURNS DECIMAL(14,2)
    READS SQL DATA
BEGIN
    DECLARE total DECIMAL(14,2);
    SELECT COALESCE(SUM(amount), 0) INTO total FROM invoice_lines WHERE invoice_id = p_invoice_id;
    RETURN total;
END;

-- dbm:down
DROP FUNCTION invoice_total;
