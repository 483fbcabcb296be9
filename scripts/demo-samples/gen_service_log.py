#!/usr/bin/env python3
"""Writes service.log for `headroom demo`: a Spring Boot order service's log across a database incident.

Synthetic but shaped on real Spring Boot 3 / HikariCP / Resilience4j output: steady request traffic,
then the payments database slows down, the Hikari pool runs dry, requests fail with a stack trace, the
circuit breaker opens, and the service recovers. Deterministic (seeded). Usage: gen_service_log.py > service.log
"""
import datetime
import random

random.seed(20260312)
t = datetime.datetime(2026, 3, 12, 14, 2, 11, 482000)
PID = 1
out = []


def ts():
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def log(level, thread, logger, msg):
    out.append(f"{ts()} {level:>5} {PID} --- [orders-service] [{thread:>15}] {logger:<40} : {msg}")


def tick(lo=20, hi=400):
    global t
    t += datetime.timedelta(milliseconds=random.randint(lo, hi))


routes = [("GET", "/api/v2/orders/{id}", 200, (6, 30)), ("GET", "/api/v2/orders?customer={c}&page=0", 200, (12, 60)),
          ("POST", "/api/v2/orders", 201, (40, 120)), ("GET", "/api/v2/catalog/items/{sku}", 200, (3, 15)),
          ("POST", "/api/v2/payments/authorize", 200, (80, 220)), ("GET", "/actuator/health", 200, (1, 4))]


def request(status_override=None, slow=1.0):
    method, path, status, (lo, hi) = random.choice(routes)
    path = path.replace("{id}", str(random.randint(80000, 89999))).replace("{c}", f"C-{random.randint(1000, 9999)}")
    path = path.replace("{sku}", f"SKU-{random.randint(100, 999)}-{random.choice('ABCDEFG')}")
    thread = f"nio-8080-exec-{random.randint(1, 10)}"
    ms = int(random.randint(lo, hi) * slow)
    st = status_override or status
    log("INFO", thread, "c.a.orders.web.RequestLoggingFilter", f"{method} {path} {st} {ms}ms")


log("INFO", "main", "com.acme.orders.OrdersApplication", "Started OrdersApplication in 7.412 seconds (process running for 8.03)")
tick()
log("INFO", "main", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Start completed.")
for _ in range(170):
    tick()
    request()
    if random.random() < 0.08:
        tick()
        log("DEBUG", f"nio-8080-exec-{random.randint(1, 10)}", "c.a.orders.payments.PaymentClient",
            f"authorize order={random.randint(80000, 89999)} amount={random.randint(5, 900)}.{random.randint(0, 99):02d} EUR psp=adyen")
# Incident: payments database slows down.
tick()
log("WARN", "HikariPool-1 housekeeper", "com.zaxxer.hikari.pool.HikariPool",
    "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m2s34ms).")
for i in range(40):
    tick(100, 900)
    request(slow=8.0)
    if i % 6 == 5:
        tick()
        log("WARN", f"nio-8080-exec-{random.randint(1, 10)}", "c.a.orders.payments.PaymentRepository",
            f"Slow query: UPDATE payment SET status=? WHERE order_id=? took {random.randint(2500, 9000)}ms")
trace = """org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction
\tat org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:466)
\tat org.springframework.transaction.support.AbstractPlatformTransactionManager.startTransaction(AbstractPlatformTransactionManager.java:532)
\tat org.springframework.transaction.support.AbstractPlatformTransactionManager.getTransaction(AbstractPlatformTransactionManager.java:405)
\tat org.springframework.transaction.interceptor.TransactionAspectSupport.createTransactionIfNecessary(TransactionAspectSupport.java:610)
\tat org.springframework.transaction.interceptor.TransactionAspectSupport.invokeWithinTransaction(TransactionAspectSupport.java:373)
\tat com.acme.orders.payments.PaymentService$$SpringCGLIB$$0.authorize(<generated>)
\tat com.acme.orders.web.PaymentController.authorize(PaymentController.java:58)
Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=20, active=20, idle=0, waiting=37)
\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:144)
\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)
\tat org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection(DatasourceConnectionProviderImpl.java:122)
\t... 98 common frames omitted"""
for i in range(14):
    tick(200, 2500)
    thread = f"nio-8080-exec-{random.randint(1, 10)}"
    log("ERROR", thread, "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
        "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception "
        "[Request processing failed: org.springframework.transaction.CannotCreateTransactionException: "
        "Could not open JPA EntityManager for transaction] with root cause")
    if i in (0, 7):
        out.extend(trace.split("\n"))
    tick()
    log("INFO", thread, "c.a.orders.web.RequestLoggingFilter",
        f"POST /api/v2/payments/authorize 500 {30000 + random.randint(1, 40)}ms")
    tick()
    request(slow=6.0)
tick()
log("WARN", "nio-8080-exec-4", "i.g.r.c.internal.CircuitBreakerStateMachine",
    "CircuitBreaker 'payments' changed state from CLOSED to OPEN (failure rate 62.5% > threshold 50.0%)")
for i in range(25):
    tick()
    if random.random() < 0.5:
        log("INFO", f"nio-8080-exec-{random.randint(1, 10)}", "c.a.orders.web.RequestLoggingFilter",
            f"POST /api/v2/payments/authorize 503 {random.randint(1, 3)}ms")
    else:
        request()
tick(30000, 30000)
log("INFO", "payments-cb-1", "i.g.r.c.internal.CircuitBreakerStateMachine",
    "CircuitBreaker 'payments' changed state from OPEN to HALF_OPEN")
log("INFO", "HikariPool-1 housekeeper", "com.zaxxer.hikari.pool.HikariPool",
    "HikariPool-1 - Pool stats (total=20, active=3, idle=17, waiting=0)")
tick()
log("INFO", "nio-8080-exec-2", "i.g.r.c.internal.CircuitBreakerStateMachine",
    "CircuitBreaker 'payments' changed state from HALF_OPEN to CLOSED")
for _ in range(150):
    tick()
    request()
print("\n".join(out))
