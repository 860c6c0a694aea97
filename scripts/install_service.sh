#!/usr/bin/env bash
# `make service`: render deploy/*.service|timer and deploy/nginx/ningxia-dash.conf with this server's values and
# install them. Variables (Makefile defaults; README 快速开始 · 作为系统服务):
#   PREFIX        project directory on the server (default: where `make service` runs)
#   SERVICE_USER  system user the app and the backup run as (ningxia)
#   APP_PORT      Streamlit's port on 127.0.0.1 (8501)
#   SERVER_NAME   nginx server_name (dash.example.gov.cn)
#   SSL_CERT / SSL_KEY  the organisation's certificate (with chain) and key
#   HTPASSWD      nginx's password file for auth_basic (or replace the auth part of the site by hand)
#   BACKUP_DIR / BACKUP_KEEP  nightly backups: where, how many generations (/var/backups/ningxia-dash, 7)
#   DESTDIR       empty: install into the running system (root only: user, database, systemctl, nginx reload);
#                 set: only write the rendered files under DESTDIR (a dry run: tests/test_deploy_units.py).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
: "${PREFIX:=$ROOT}" "${SERVICE_USER:=ningxia}" "${APP_PORT:=8501}" "${SERVER_NAME:=dash.example.gov.cn}"
: "${SSL_CERT:=/etc/ssl/certs/ORGANISATION-CERT.pem}" "${SSL_KEY:=/etc/ssl/private/ORGANISATION-KEY.pem}"
: "${HTPASSWD:=/etc/nginx/ningxia-dash.htpasswd}" "${BACKUP_DIR:=/var/backups/ningxia-dash}" "${BACKUP_KEEP:=7}"
: "${DESTDIR:=}" "${BUILD_KIND:=}"

for value in "$PREFIX" "$SERVICE_USER" "$APP_PORT" "$SERVER_NAME" "$SSL_CERT" "$SSL_KEY" "$HTPASSWD" "$BACKUP_DIR" \
	"$BACKUP_KEEP"; do
	if [[ -z "$value" || "$value" =~ [[:space:]\|\;\\\"\'] ]]; then
		echo "make service: 取值“$value”为空或含空格、| ; \\ 引号等字符，请改正" >&2
		exit 2
	fi
done
[[ "$PREFIX" == /* && "$BACKUP_DIR" == /* ]] || { echo "make service: PREFIX 与 BACKUP_DIR 须为绝对路径" >&2; exit 2; }
[[ "$APP_PORT" =~ ^[0-9]+$ && "$BACKUP_KEEP" =~ ^[0-9]+$ ]] || { echo "make service: APP_PORT、BACKUP_KEEP 须为数字" >&2; exit 2; }
if [[ -z "$DESTDIR" && "$(id -u)" != 0 ]]; then
	echo "make service: 安装到本机需要 root（或设 DESTDIR=目录 只生成文件）" >&2
	exit 2
fi

render() {
	sed -e "s|/opt/ningxia_dash|$PREFIX|g" \
		-e "s|^User=ningxia$|User=$SERVICE_USER|" -e "s|^Group=ningxia$|Group=$SERVICE_USER|" \
		-e "s|127\.0\.0\.1:8501|127.0.0.1:$APP_PORT|g" -e "s|--server.port 8501|--server.port $APP_PORT|" \
		-e "s|dash\.example\.gov\.cn|$SERVER_NAME|g" \
		-e "s|/etc/ssl/certs/ORGANISATION-CERT\.pem|$SSL_CERT|" -e "s|/etc/ssl/private/ORGANISATION-KEY\.pem|$SSL_KEY|" \
		-e "s|/etc/nginx/ningxia-dash\.htpasswd|$HTPASSWD|" \
		-e "s|/var/backups/ningxia-dash|$BACKUP_DIR|g" -e "s|--keep 7|--keep $BACKUP_KEEP|" "$1"
}

units="$DESTDIR/etc/systemd/system"
sites="$DESTDIR/etc/nginx"
mkdir -p "$units" "$sites/sites-available" "$sites/sites-enabled"
for unit in ningxia-dash.service ningxia-dash-backup.service ningxia-dash-backup.timer; do
	render "$ROOT/deploy/$unit" >"$units/$unit"
	chmod 644 "$units/$unit"
done
render "$ROOT/deploy/nginx/ningxia-dash.conf" >"$sites/sites-available/ningxia-dash"
chmod 644 "$sites/sites-available/ningxia-dash"
ln -sfn ../sites-available/ningxia-dash "$sites/sites-enabled/ningxia-dash"
echo "已写出 $units/ningxia-dash{.service,-backup.service,-backup.timer} 与 $sites/sites-available/ningxia-dash"
[[ -n "$DESTDIR" ]] && exit 0

# Into the running system (root).
if [[ "$PREFIX" == /home/* || "$PREFIX" == /root* ]]; then
	echo "make service: 服务单元设了 ProtectHome=true，项目不能放在 /home 或 /root 下（例如改放 /opt/ningxia_dash）" >&2
	exit 2
fi
if [[ ! -x "$PREFIX/.venv/bin/streamlit" ]]; then
	echo "make service: $PREFIX/.venv 不存在：先在 $PREFIX 执行 make install-offline（离线包）或 make run" >&2
	exit 3
fi
id -u "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --home-dir "$PREFIX" --shell /usr/sbin/nologin "$SERVICE_USER"
mkdir -p "$PREFIX/data" "$BACKUP_DIR"
# shellcheck disable=SC2086  # BUILD_KIND is empty or --no-demo
"$PREFIX/.venv/bin/python" -m ningxia_dash build-db --if-missing $BUILD_KIND --db "$PREFIX/data/ningxia.duckdb"
"$PREFIX/.venv/bin/python" -m ningxia_dash user ensure-admin --db "$PREFIX/data/ningxia.duckdb"
chown -R "$SERVICE_USER:" "$PREFIX/data" "$BACKUP_DIR"
systemctl daemon-reload
systemctl enable --now ningxia-dash.service ningxia-dash-backup.timer
nginx -t
systemctl reload nginx
echo "服务已启动：systemctl status ningxia-dash；nginx 站点 https://$SERVER_NAME/"
