# The kata script's client for the kata command's resident process (mlkata.cli.CommandServer; see
# grader/CLI.md, "The command server"). Usage: bash kata-client.bash ROOT JAVA ARGS...
# It sends the command's arguments, the few variables a check reads and whether the output is a terminal,
# then writes what the server answers to standard output and standard error and exits with its code.
# Exit code 97: the server did not take the command (none runs, it was rebuilt, it runs with other
# settings, or it is busy), and the script runs the command in a JVM of its own instead.
root=$1
java=$2
shift 2
nl=$'\n'
read -r port token _ < "$root/.kata/server" 2>/dev/null || exit 97
case $port in '' | *[!0-9]*) exit 97 ;; esac
case $root$java in *"$nl"*) exit 97 ;; esac
request="kata-server 1$nl$token$nl$root$nl$java$nl"
if [ -t 1 ]; then request+="tty 1$nl"; else request+="tty 0$nl"; fi
for name in QT_SEED NO_COLOR CLICOLOR CLICOLOR_FORCE KATA_DEBUG KATA_SPARE KATA_SPARE_WARMUPS; do
  if [ -n "${!name+set}" ]; then
    case ${!name} in *"$nl"*) exit 97 ;; esac
    request+="env $name=${!name}$nl"
  fi
done
for a in "$@"; do
  case $a in *"$nl"*) exit 97 ;; esac
  request+="arg $a$nl"
done
request+="end$nl"
# (exec with only redirections applies them to this shell: keep 2>/dev/null to the connection alone)
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || exit 97
printf '%s' "$request" >&3 2>/dev/null || exit 97
# The server accepts at once ("a") or refuses ("r"); anything else, or silence (another process on a port
# a dead server left, or a server busy with another check), and the script runs the command itself.
IFS= read -r -t 10 line <&3 || exit 97
[ "$line" = a ] || exit 97
while IFS= read -r line; do
  case $line in
    o*) printf '%s\n' "${line:1}" ;;
    p*) printf '%s' "${line:1}" ;;
    e*) printf '%s\n' "${line:1}" >&2 ;;
    f*) printf '%s' "${line:1}" >&2 ;;
    x*) exit "${line:1}" ;;
  esac
done <&3
echo "kata: the command server stopped before the command ended; run the command again" >&2
exit 3
