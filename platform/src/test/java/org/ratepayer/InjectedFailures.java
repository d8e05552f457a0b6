package org.ratepayer;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes the database refuse one step of a chosen biller's payments, as a lost connection or a full
 * disk would at the worst moment: storing an idempotency key's answer ({@link Point#FINISH}) or moving
 * a payment out of INITIATED ({@link Point#MOVE}, after the processor has charged). Only rows of the
 * billers a test names are affected, so tests sharing the database never see each other's failures.
 */
public final class InjectedFailures {

    public enum Point { FINISH, MOVE }

    private final JdbcClient jdbc;

    public InjectedFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("create table if not exists it_injected_failure (point text not null, biller_id bigint not null)").update();
        jdbc.sql("""
                create or replace function it_fail_key_finish() returns trigger language plpgsql as $$
                begin
                    if new.status_code is not null and old.status_code is null and exists
                            (select 1 from it_injected_failure f where f.point = 'FINISH' and f.biller_id = new.biller_id) then
                        raise exception 'injected failure: the answer of key % cannot be stored', new.key;
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("""
                create or replace trigger it_fail_key_finish before update on idempotency_key
                for each row execute function it_fail_key_finish()""").update();
        jdbc.sql("""
                create or replace function it_fail_payment_move() returns trigger language plpgsql as $$
                begin
                    if old.status = 'INITIATED' and new.status <> old.status and exists
                            (select 1 from it_injected_failure f where f.point = 'MOVE' and f.biller_id = new.biller_id) then
                        raise exception 'injected failure: payment % cannot leave INITIATED', new.payment_id;
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("""
                create or replace trigger it_fail_payment_move before update on payment
                for each row execute function it_fail_payment_move()""").update();
    }

    public void fail(Point point, long bid) {
        jdbc.sql("insert into it_injected_failure (point, biller_id) values (?, ?)").params(point.name(), bid).update();
    }

    public void heal(long bid) {
        jdbc.sql("delete from it_injected_failure where biller_id = ?").param(bid).update();
    }
}
