#!/usr/bin/env python3
"""SYNTHESIZED API responses for the Headroom4j evaluation corpus (no network access to GitHub or a cluster).

Shapes follow the public GitHub REST v3 list responses (GET /repos/{o}/{r}/issues, /pulls) and
`kubectl get pods -o json` / `kubectl get events -o json`. Content is generated with a seeded PRNG, so it
is deterministic; it is realistic in shape, not real data.

    python3 gen_api.py issues <n> <seed>
    python3 gen_api.py pulls  <n> <seed>
    python3 gen_api.py pods   <n> <seed>
    python3 gen_api.py events <n> <seed>
"""
import datetime
import hashlib
import json
import random
import sys

BASE = datetime.datetime(2026, 2, 1, 8, 0, 0)
OWNER, REPO = "acme", "storefront"
USERS = ["mhartley", "dsingh", "lchen-dev", "okafor", "jpetrov", "svalente", "rtanaka", "agarcia", "kbauer", "nlindqvist",
         "dependabot[bot]", "renovate[bot]"]
LABELS = [("bug", "d73a4a"), ("enhancement", "a2eeef"), ("documentation", "0075ca"), ("performance", "fbca04"),
          ("needs-triage", "ededed"), ("good first issue", "7057ff"), ("security", "b60205"), ("dependencies", "0366d6")]
TITLES = ["Checkout fails with 502 when cart has more than {n} items", "Order history page takes {n}s to load",
          "NullPointerException in OrderService.load for archived orders", "Add retry with backoff to payment client",
          "Bump com.fasterxml.jackson.core:jackson-databind from 2.17.{n} to 2.18.0", "Docs: explain HIKARI_MAX_POOL_SIZE",
          "Flaky test InventorySyncIT.syncsAllWarehouses", "Memory leak in websocket session registry (heap grows {n} MB/h)",
          "Support EUR and GBP in invoices", "CVE-2025-{n}: upgrade netty-codec-http", "Search returns duplicates for SKU-{n}",
          "Rate limiter rejects health checks"]


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def user(rnd, login=None):
    login = login or rnd.choice(USERS)
    uid = int(hashlib.sha1(login.encode()).hexdigest()[:7], 16)
    return {"login": login, "id": uid, "node_id": "MDQ6VXNlcj" + str(uid), "avatar_url": "https://avatars.githubusercontent.com/u/%d?v=4" % uid,
            "gravatar_id": "", "url": "https://api.github.com/users/" + login, "html_url": "https://github.com/" + login,
            "followers_url": "https://api.github.com/users/%s/followers" % login,
            "following_url": "https://api.github.com/users/%s/following{/other_user}" % login,
            "gists_url": "https://api.github.com/users/%s/gists{/gist_id}" % login,
            "starred_url": "https://api.github.com/users/%s/starred{/owner}{/repo}" % login,
            "subscriptions_url": "https://api.github.com/users/%s/subscriptions" % login,
            "organizations_url": "https://api.github.com/users/%s/orgs" % login,
            "repos_url": "https://api.github.com/users/%s/repos" % login,
            "events_url": "https://api.github.com/users/%s/events{/privacy}" % login,
            "received_events_url": "https://api.github.com/users/%s/received_events" % login,
            "type": "Bot" if login.endswith("[bot]") else "User", "user_view_type": "public", "site_admin": False}


def issue(rnd, num, pull=False):
    created = BASE + datetime.timedelta(minutes=rnd.randint(0, 60 * 24 * 40))
    updated = created + datetime.timedelta(minutes=rnd.randint(5, 60 * 24 * 10))
    title = rnd.choice(TITLES).format(n=rnd.randint(2, 60000))
    api = "https://api.github.com/repos/%s/%s" % (OWNER, REPO)
    state = "closed" if rnd.random() < 0.3 else "open"
    labels = []
    for name, color in rnd.sample(LABELS, rnd.randint(0, 3)):
        lid = int(hashlib.sha1(name.encode()).hexdigest()[:8], 16)
        labels.append({"id": lid, "node_id": "LA_kwDO" + str(lid), "url": api + "/labels/" + name.replace(" ", "%20"),
                       "name": name, "color": color, "default": name in ("bug", "enhancement", "documentation"), "description": None})
    body = ("### Steps to reproduce\n1. Add %d items to the cart\n2. POST /api/v1/checkout\n\n### Expected\n201 Created\n\n"
            "### Actual\n`HTTP 502` after %d ms, logs show `HikariPool-1 - Connection is not available`\n\nVersion: v%d.%d.%d"
            % (rnd.randint(2, 80), rnd.randint(1000, 31000), 2, rnd.randint(0, 14), rnd.randint(0, 9)))
    d = {"url": "%s/issues/%d" % (api, num), "repository_url": api, "labels_url": "%s/issues/%d/labels{/name}" % (api, num),
         "comments_url": "%s/issues/%d/comments" % (api, num), "events_url": "%s/issues/%d/events" % (api, num),
         "html_url": "https://github.com/%s/%s/%s/%d" % (OWNER, REPO, "pull" if pull else "issues", num),
         "id": 2000000000 + num * 7919, "node_id": ("PR_kwDOA" if pull else "I_kwDOA") + hashlib.md5(str(num).encode()).hexdigest()[:10],
         "number": num, "title": title, "user": user(rnd), "labels": labels, "state": state, "locked": False,
         "assignee": None, "assignees": [], "milestone": None, "comments": rnd.randint(0, 25),
         "created_at": ts(created), "updated_at": ts(updated), "closed_at": ts(updated) if state == "closed" else None,
         "author_association": rnd.choice(["MEMBER", "CONTRIBUTOR", "NONE", "COLLABORATOR"]), "type": None,
         "active_lock_reason": None, "sub_issues_summary": {"total": 0, "completed": 0, "percent_completed": 0},
         "body": body, "closed_by": None,
         "reactions": {"url": "%s/issues/%d/reactions" % (api, num), "total_count": 0, "+1": rnd.randint(0, 9), "-1": 0,
                       "laugh": 0, "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0},
         "timeline_url": "%s/issues/%d/timeline" % (api, num), "performed_via_github_app": None, "state_reason": None}
    if rnd.random() < 0.4:
        a = user(rnd)
        d["assignee"] = a
        d["assignees"] = [a]
    if pull:
        sha = hashlib.sha1(("head%d" % num).encode()).hexdigest()
        d["pull_request"] = {"url": "%s/pulls/%d" % (api, num), "html_url": "https://github.com/%s/%s/pull/%d" % (OWNER, REPO, num),
                             "diff_url": "https://github.com/%s/%s/pull/%d.diff" % (OWNER, REPO, num),
                             "patch_url": "https://github.com/%s/%s/pull/%d.patch" % (OWNER, REPO, num),
                             "merged_at": ts(updated) if state == "closed" and rnd.random() < 0.8 else None}
        d["draft"] = rnd.random() < 0.15
        d["head"] = {"label": "%s:fix/%d" % (OWNER, num), "ref": "fix/%d" % num, "sha": sha}
        d["base"] = {"label": "%s:main" % OWNER, "ref": "main", "sha": hashlib.sha1(b"main").hexdigest()}
    return d


def pods(rnd, n):
    items = []
    apps = ["order-api", "payment-worker", "inventory-sync", "web-frontend", "redis", "postgres-exporter"]
    for i in range(n):
        app = apps[i % len(apps)]
        h = hashlib.sha1(("%s%d" % (app, i)).encode()).hexdigest()
        name = "%s-%s-%s" % (app, h[:10], h[10:15])
        crash = app == "payment-worker" and i % 4 == 1
        start = BASE + datetime.timedelta(hours=rnd.randint(1, 300))
        restarts = rnd.randint(14, 60) if crash else rnd.randint(0, 2)
        cstatus = {"name": app, "image": "registry.acme.internal/%s:2.%d.%d" % (app, rnd.randint(0, 9), rnd.randint(0, 20)),
                   "imageID": "registry.acme.internal/%s@sha256:%s" % (app, hashlib.sha256(h.encode()).hexdigest()),
                   "containerID": "containerd://" + hashlib.sha256(name.encode()).hexdigest(), "started": not crash,
                   "ready": not crash, "restartCount": restarts}
        if crash:
            cstatus["state"] = {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container=%s pod=%s_shop(%s)" % (app, name, h[:8])}}
            cstatus["lastState"] = {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": ts(start), "finishedAt": ts(start + datetime.timedelta(seconds=rnd.randint(30, 400))),
                                                   "containerID": "containerd://" + hashlib.sha256((name + "x").encode()).hexdigest()}}
        else:
            cstatus["state"] = {"running": {"startedAt": ts(start)}}
            cstatus["lastState"] = {}
        uid = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])
        items.append({"apiVersion": "v1", "kind": "Pod", "metadata": {
            "creationTimestamp": ts(start), "generateName": name[:-5], "labels": {"app.kubernetes.io/name": app, "pod-template-hash": h[:10]},
            "name": name, "namespace": "shop",
            "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "ReplicaSet", "name": name[:-6], "uid": uid[::-1]}],
            "resourceVersion": str(48000000 + rnd.randint(0, 999999)), "uid": uid},
            "spec": {"containers": [{"name": app, "image": cstatus["image"], "imagePullPolicy": "IfNotPresent",
                                     "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                                     "env": [{"name": "SPRING_PROFILES_ACTIVE", "value": "prod"}, {"name": "HIKARI_MAX_POOL_SIZE", "value": "20"},
                                             {"name": "JAVA_TOOL_OPTIONS", "value": "-XX:MaxRAMPercentage=75"}],
                                     "resources": {"limits": {"cpu": "1", "memory": "512Mi" if crash else "1Gi"}, "requests": {"cpu": "250m", "memory": "512Mi"}},
                                     "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "initialDelaySeconds": 20, "periodSeconds": 10, "timeoutSeconds": 1, "failureThreshold": 3, "successThreshold": 1},
                                     "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                                     "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-" + h[:5], "readOnly": True}]}],
                     "dnsPolicy": "ClusterFirst", "enableServiceLinks": True, "nodeName": "ip-10-0-%d-%d.eu-west-1.compute.internal" % (rnd.randint(1, 3), rnd.randint(2, 250)),
                     "preemptionPolicy": "PreemptLowerPriority", "priority": 0, "restartPolicy": "Always", "schedulerName": "default-scheduler",
                     "securityContext": {}, "serviceAccount": "default", "serviceAccountName": "default", "terminationGracePeriodSeconds": 30,
                     "tolerations": [{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
                                     {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}]},
            "status": {"conditions": [{"lastProbeTime": None, "lastTransitionTime": ts(start), "status": "True", "type": t} for t in ("Initialized", "PodScheduled")] +
                                     [{"lastProbeTime": None, "lastTransitionTime": ts(start), "status": "False" if crash else "True", "type": t} for t in ("Ready", "ContainersReady")],
                       "containerStatuses": [cstatus], "hostIP": "10.0.%d.%d" % (rnd.randint(1, 3), rnd.randint(2, 250)),
                       "phase": "Running", "podIP": "10.1.%d.%d" % (rnd.randint(0, 255), rnd.randint(1, 254)), "qosClass": "Burstable", "startTime": ts(start)}})
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def events(rnd, n):
    items = []
    t = BASE
    for i in range(n):
        t += datetime.timedelta(seconds=rnd.randint(1, 40))
        kind = rnd.random()
        if kind < 0.1:
            reason, typ, msg = "BackOff", "Warning", "Back-off restarting failed container payment-worker in pod payment-worker-7f9c%04x" % rnd.randint(0, 65535)
        elif kind < 0.15:
            reason, typ, msg = "OOMKilling", "Warning", "Memory cgroup out of memory: Killed process %d (java) total-vm:%dkB" % (rnd.randint(1000, 99999), rnd.randint(2000000, 4000000))
        elif kind < 0.5:
            reason, typ, msg = "Pulled", "Normal", "Container image \"registry.acme.internal/order-api:2.%d.%d\" already present on machine" % (rnd.randint(0, 9), rnd.randint(0, 20))
        elif kind < 0.75:
            reason, typ, msg = "Scheduled", "Normal", "Successfully assigned shop/order-api-%08x to ip-10-0-2-%d.eu-west-1.compute.internal" % (rnd.getrandbits(32), rnd.randint(2, 250))
        else:
            reason, typ, msg = "Started", "Normal", "Started container order-api"
        items.append({"apiVersion": "v1", "kind": "Event", "count": rnd.randint(1, 30), "firstTimestamp": ts(t), "lastTimestamp": ts(t),
                      "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": "pod-%05d" % rnd.randint(0, 99999), "namespace": "shop", "fieldPath": "spec.containers{app}"},
                      "message": msg, "metadata": {"name": "evt.%016x" % rnd.getrandbits(64), "namespace": "shop", "uid": "%032x" % rnd.getrandbits(128)},
                      "reason": reason, "reportingComponent": "kubelet", "source": {"component": "kubelet"}, "type": typ})
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def main():
    kind, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(seed)
    if kind in ("issues", "pulls"):
        out = [issue(rnd, 4000 - i, pull=kind == "pulls") for i in range(n)]
    elif kind == "pods":
        out = pods(rnd, n)
    else:
        out = events(rnd, n)
    sys.stdout.write(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
