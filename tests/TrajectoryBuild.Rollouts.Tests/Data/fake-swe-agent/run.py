"""A stand-in for an external scaffold (SWE-agent's `run` cannot be installed offline here): it edits the
repository like an agent would and writes its trajectory in SWE-agent's .traj format under the output folder."""
import json
import os
import subprocess
import sys

instance, problem_file, output = sys.argv[1], sys.argv[2], sys.argv[3]
problem = open(problem_file, encoding="utf-8").read()
subprocess.run(["sed", "-i", "s|return a // b|return a / b|", "calc.py"], check=True)
check = subprocess.run(["python3", "-c", "import calc; print(calc.divide(7, 2))"], capture_output=True, text=True)
subprocess.run(["git", "add", "-A"], check=True)
patch = subprocess.run(["git", "diff", "--cached"], capture_output=True, text=True, check=True).stdout
subprocess.run(["git", "reset", "-q"], check=True)
calls = [{"function": {"name": "bash", "arguments": json.dumps({"command": "sed -i 's|return a // b|return a / b|' calc.py"})}, "id": "c0", "type": "function"},
         {"function": {"name": "submit", "arguments": "{}"}, "id": "c1", "type": "function"}]
history = [
    {"role": "system", "content": "You are a fake scaffold.", "agent": "main", "message_type": "system_prompt"},
    {"role": "user", "content": problem, "agent": "main", "message_type": "observation"},
    {"role": "assistant", "content": "Use true division.", "thought": "Use true division.", "action": "sed", "agent": "main", "tool_calls": [calls[0]], "message_type": "action"},
    {"role": "tool", "content": check.stdout, "agent": "main", "message_type": "observation", "tool_call_ids": ["c0"]},
    {"role": "assistant", "content": "Done.", "thought": "Done.", "action": "submit", "agent": "main", "tool_calls": [calls[1]], "message_type": "action"},
    {"role": "tool", "content": patch, "agent": "main", "message_type": "observation", "tool_call_ids": ["c1"]},
]
os.makedirs(os.path.join(output, instance), exist_ok=True)
with open(os.path.join(output, instance, instance + ".traj"), "w", encoding="utf-8") as f:
    json.dump({"history": history, "info": {"exit_status": "submitted", "submission": patch}}, f)
