'use strict';
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const res = await fetch('api/login', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Requested-With': 'fetch'},
    body: JSON.stringify({user: document.getElementById('user').value,
                          password: document.getElementById('password').value})
  });
  if (res.ok) {
    location.href = './';
  } else {
    error.textContent = (await res.json()).error || 'log in failed';
  }
});
